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

      if (!gtk_recent_info_has_application (info, RECENT_APP_NAME) ||
          !gtk_recent_info_is_local (info) || !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}
