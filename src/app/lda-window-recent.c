/* lda-window-recent.c — the folders opened lately, kept by GtkRecentManager
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lda-window-private.h"

#define RECENT_APP_NAME "livedead-annotator"
#define RECENT_MAX      8

void
lda_window_add_recent (LdaWindow *self,
                       GFile     *folder)
{
  g_autofree char *uri = g_file_get_uri (folder);
  g_autofree char *name = g_file_get_basename (folder);
  GtkRecentData data = {
    .display_name = name,
    .mime_type = (char *) "inode/directory",
    .app_name = (char *) RECENT_APP_NAME,
    .app_exec = (char *) "livedead-annotator %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  lda_window_update_recent (self);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

/* Longer parent folders are cut at their start: the end names them. */
#define RECENT_PARENT_MAX 40

/* A recent folder as the menu names it: its name, then where it is (the
 * home folder as ~), so that two folders of the same name can be told
 * apart. */
static char *
recent_label (GtkRecentInfo *info)
{
  g_autofree char *path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
  g_autofree char *parent = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) parts = NULL;
  const char *home = g_get_home_dir ();
  glong length;

  if (path == NULL)
    {
      parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      return g_strjoinv ("__", parts);
    }
  parent = g_path_get_dirname (path);
  if (home != NULL && g_str_has_prefix (parent, home) && strlen (home) > 1 &&
      (parent[strlen (home)] == '\0' || parent[strlen (home)] == G_DIR_SEPARATOR))
    {
      g_autofree char *below = g_filename_display_name (parent + strlen (home));

      shown = g_strconcat ("~", below, NULL);
    }
  else
    shown = g_filename_display_name (parent);
  length = g_utf8_strlen (shown, -1);
  if (length > RECENT_PARENT_MAX)
    {
      char *cut = g_strconcat ("…", g_utf8_offset_to_pointer (shown, length - RECENT_PARENT_MAX + 1),
                               NULL);

      g_free (shown);
      shown = cut;
    }

  /* Translators: a recent folder in the menu: its name, and the folder
   * it is in */
  label = g_strdup_printf (_("%s — %s"), gtk_recent_info_get_display_name (info), shown);
  /* The menu reads an underscore as a mnemonic's mark: doubled, shown. */
  parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

void
lda_window_update_recent (LdaWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent);

  for (GList *l = items; l != NULL && n < RECENT_MAX; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!gtk_recent_info_has_application (info, RECENT_APP_NAME) ||
          !gtk_recent_info_is_local (info) || !gtk_recent_info_exists (info))
        continue;

      label = recent_label (info);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}
