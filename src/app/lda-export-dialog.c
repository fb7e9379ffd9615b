/* lda-export-dialog.c — export for training, with progress and cancel
 *
 * The same function as `livedead export` writes the files (lda-export.c),
 * in a worker thread, from copies of the edits.  Files that exist are not
 * replaced without asking.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-confirm.h"
#include "lda-error.h"
#include "lda-export-dialog.h"
#include "lda-project-wells.h"
#include "lda-file-chooser.h"
#include "lda-export.h"
#include "lda-export-manifest.h"
#include "lda-export-split.h"
#include "lda-task.h"

struct _LdaExportDialog
{
  GtkWindow       parent_instance;

  GtkButton      *cancel_button;
  GtkButton      *export_button;
  GtkWidget      *folder_button;
  GtkLabel       *folder_label;
  GtkWidget      *wells_label;
  GtkWidget      *wells_box;
  GtkCheckButton *this_well_check;
  GtkCheckButton *all_wells_check;
  GtkCheckButton *all_check;
  GtkCheckButton *current_check;
  GtkCheckButton *list_check;
  GtkEntry       *list_entry;
  GtkDropDown    *layout_dropdown;
  GtkLabel       *layout_description;
  GtkSpinButton  *val_spin;
  GtkSpinButton  *seed_spin;
  GtkCheckButton *field_check;
  GtkProgressBar *progress;
  GtkLabel       *error_label;

  LdaSeries      *series;      /* a copy, owned: the export thread writes its counts */
  GPtrArray      *edits;       /* copies, owned */
  guint           current_frame;
  char           *folder;
  GCancellable   *cancellable;

  /* Progress: the export thread only stores these two numbers; the main
   * thread shows them on a timer.  Nothing else of the dialog is touched
   * off the main thread (its widgets and object data are not thread-safe). */
  gint            progress_done;
  gint            progress_total;
  guint           progress_id;
};

G_DEFINE_FINAL_TYPE (LdaExportDialog, lda_export_dialog, GTK_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
show_error (LdaExportDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean progress_tick (gpointer data);

static void
set_running (LdaExportDialog *self,
             gboolean         running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  g_atomic_int_set (&self->progress_done, 0);
  g_atomic_int_set (&self->progress_total, 0);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (running)
    self->progress_id = g_timeout_add (100, progress_tick, self);
}

/* The frames chosen, or NULL for all. */
static gboolean
chosen_frames (LdaExportDialog  *self,
               GArray          **frames,
               GError          **error)
{
  *frames = NULL;

  if (gtk_check_button_get_active (self->current_check))
    {
      *frames = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (*frames, self->current_frame);
    }
  else if (gtk_check_button_get_active (self->list_check))
    {
      *frames = g_array_new (FALSE, FALSE, sizeof (guint));
      /* Counted from 1, as the strip and the window's title count. */
      if (!lda_series_parse_frames (self->series,
                                    gtk_editable_get_text (GTK_EDITABLE (self->list_entry)), 1,
                                    *frames, error))
        {
          g_clear_pointer (frames, g_array_unref);
          return FALSE;
        }
    }

  return TRUE;
}

static void
show_progress (LdaExportDialog *self,
               guint            done,
               guint            total)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u of %u time point",
                                                     "%u of %u time points", total),
                                           done, total);

  gtk_progress_bar_set_fraction (self->progress, total ? (double) done / total : 1.0);
  gtk_progress_bar_set_text (self->progress, text);
}

static gboolean
progress_tick (gpointer data)
{
  LdaExportDialog *self = data;
  gint total = g_atomic_int_get (&self->progress_total);

  if (total > 0)
    show_progress (self, (guint) g_atomic_int_get (&self->progress_done), (guint) total);

  return G_SOURCE_CONTINUE;
}

/* Called from the export thread. */
static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  LdaExportDialog *self = user_data;

  g_atomic_int_set (&self->progress_done, (gint) done);
  g_atomic_int_set (&self->progress_total, (gint) total);
}

typedef struct
{
  LdaExportOptions options;
  GArray          *frames;
  char            *folder;
  gboolean         all_wells;
  guint            n_existing;  /* files an export of all wells would replace */
  guint            n_stale;     /* and of an earlier export's, would remove */
  char            *note;        /* what went wrong after the export was done */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->frames, g_array_unref);
  g_clear_pointer (&job->options.notices, g_ptr_array_unref);
  g_free (job->folder);
  g_free (job->note);
  g_free (job);
}

/* Every well of the folder in one dataset (lda-project-wells.c): the
 * others opened here, off the main thread, with their saved projects;
 * this one's counts then taken back for the window. */
static gboolean
export_all_wells (LdaExportDialog *self,
                  ExportJob       *job,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(LdaSeries) joined = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  guint first = 0;

  joined = lda_project_join_wells (self->series, self->edits, NULL, 0.0, FALSE, &edits, &first,
                                   &warnings, error);
  if (joined == NULL)
    return FALSE;
  if (!job->options.overwrite)
    {
      job->n_existing = lda_export_count_existing (joined, job->folder, &job->options,
                                                    &job->n_stale);
      if (job->n_existing > 0 || job->n_stale > 0)
        return TRUE;
    }
  if (!lda_export_run (joined, edits, job->folder, &job->options, on_progress, self,
                       cancellable, error))
    return FALSE;

  /* The other wells' frames are exported too: their strips say so. */
  {
    g_autoptr(GError) mark_error = NULL;

    if (!lda_project_mark_wells_exported (self->series, &mark_error))
      job->note = g_strdup_printf (_("Exported, but not recorded as exported: %s"),
                                   mark_error->message);
  }

  for (guint i = 0; i < lda_series_get_n_frames (self->series); i++)
    {
      LdaFrame *frame = lda_series_get_frame (self->series, i);
      const LdaFrame *exported = lda_series_get_frame (joined, first + i);

      frame->has_counts = exported->has_counts;
      frame->live = exported->live;
      frame->dead = exported->dead;
      frame->dead_fraction = exported->dead_fraction;
    }
  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LdaExportDialog *self = lda_task_get_owner (task);
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->all_wells)
    ok = export_all_wells (self, job, cancellable, &error);
  else
    ok = lda_export_run (self->series, self->edits, job->folder, &job->options,
                         on_progress, self, cancellable, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void confirm_replace (LdaExportDialog *self,
                             guint            n_existing,
                             guint            n_stale);

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LdaExportDialog *self = LDA_EXPORT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Export cancelled; no file was written or replaced."));
      else if (g_error_matches (error, LDA_ERROR, LDA_ERROR_DAMAGED))
        {
          /* Another well's: it is looked at, and let go, in its window. */
          g_autofree char *message =
            g_strdup_printf (_("%s. Open that well and export it alone to see what was "
                               "lost and go on without it; then all wells export."),
                             error->message);

          show_error (self, message);
        }
      else
        show_error (self, error->message);
      return;
    }
  /* All wells: found only once they were opened. */
  if (job->n_existing > 0 || job->n_stale > 0)
    {
      confirm_replace (self, job->n_existing, job->n_stale);
      return;
    }

  if (job->frames == NULL)
    g_signal_emit (self, signals[EXPORTED], 0, job->folder, -1);
  else
    for (guint i = 0; i < job->frames->len; i++)
      g_signal_emit (self, signals[EXPORTED], 0, job->folder,
                     (int) g_array_index (job->frames, guint, i));
  /* Blank images: exported, but worth a look before training on them. */
  if (job->note == NULL && job->options.notices->len > 0)
    {
      g_ptr_array_add (job->options.notices, NULL);
      job->note = g_strjoinv ("\n", (char **) job->options.notices->pdata);
      g_ptr_array_remove_index (job->options.notices, job->options.notices->len - 1);
    }
  /* Left open to say what went wrong after. */
  if (job->note != NULL)
    {
      show_error (self, job->note);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * lda_export_dialog_start:
 * @self: a dialog
 * @overwrite: replace existing files without asking
 *
 * Starts the export with the dialog's choices; asks first when files
 * would be replaced and @overwrite is %FALSE.
 */
void
lda_export_dialog_start (LdaExportDialog *self,
                         gboolean         overwrite)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (self->cancellable != NULL)
    return;

  job = g_new0 (ExportJob, 1);
  {
    g_autoptr(GError) error = NULL;

    if (!chosen_frames (self, &job->frames, &error))
      {
        show_error (self, error->message);
        export_job_free (job);
        return;
      }
  }
  if (job->frames != NULL)
    {
      job->options.frames = (const guint *) (gpointer) job->frames->data;
      job->options.n_frames = job->frames->len;
    }
  job->options.layout = gtk_drop_down_get_selected (self->layout_dropdown);
  if (job->options.layout >= LDA_N_EXPORT_LAYOUTS)
    job->options.layout = LDA_EXPORT_LAYOUT_PLAIN;
  if (job->options.layout != LDA_EXPORT_LAYOUT_PLAIN)
    job->options.val_fraction = gtk_spin_button_get_value (self->val_spin);
  job->options.seed = (guint32) gtk_spin_button_get_value (self->seed_spin);
  job->options.notices = g_ptr_array_new_with_free_func (g_free);
  job->options.val_by_field = gtk_check_button_get_active (self->field_check) &&
                              gtk_widget_get_sensitive (GTK_WIDGET (self->field_check));
  job->folder = g_strdup (self->folder);
  job->options.overwrite = overwrite;
  job->all_wells = gtk_check_button_get_active (self->all_wells_check);

  /* All wells are asked about by the export's thread, which opens them. */
  if (!overwrite && !job->all_wells)
    {
      guint n_stale = 0;
      guint existing = lda_export_count_existing (self->series, self->folder, &job->options,
                                                  &n_stale);

      if (existing > 0 || n_stale > 0)
        {
          export_job_free (job);
          confirm_replace (self, existing, n_stale);
          return;
        }
    }

  show_error (self, NULL);
  set_running (self, TRUE);
  /* Say how many from the start, not only once the first is written
   * (all wells: once they are opened). */
  if (!job->all_wells)
    show_progress (self, 0, job->frames != NULL ? job->frames->len
                                                : lda_series_get_n_frames (self->series));
  self->cancellable = g_cancellable_new ();
  task = lda_task_new (self, self->cancellable, export_done);
  g_task_set_source_tag (task, lda_export_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
replace_confirmed (gpointer user_data)
{
  lda_export_dialog_start (user_data, TRUE);
}

static void
confirm_replace (LdaExportDialog *self,
                 guint            n_existing,
                 guint            n_stale)
{
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (n_existing > 0)
    message = g_strdup_printf (ngettext ("Replace %u existing file?",
                                         "Replace %u existing files?", n_existing),
                               n_existing);
  else
    message = g_strdup_printf (ngettext ("Remove %u file of an earlier export?",
                                         "Remove %u files of an earlier export?", n_stale),
                               n_stale);

  /* The earlier export is replaced whole (lda-export-manifest.c). */
  if (n_stale > 0 && n_existing > 0)
    detail = g_strdup_printf (ngettext ("%s holds an earlier export; %u more of its files, "
                                        "which this export does not write again, will be "
                                        "removed.",
                                        "%s holds an earlier export; %u more of its files, "
                                        "which this export does not write again, will be "
                                        "removed.",
                                        n_stale),
                              self->folder, n_stale);
  else if (n_stale > 0)
    detail = g_strdup_printf (_("%s holds an earlier export whose files this export does not "
                                "write again."), self->folder);
  else
    detail = g_strdup_printf (_("%s already holds files of an earlier export."), self->folder);

  lda_confirm (GTK_WINDOW (self), message, detail, _("_Replace"), replace_confirmed, G_OBJECT (self));
}

static void
on_export (LdaExportDialog *self)
{
  lda_export_dialog_start (self, FALSE);
}

/* The split means something only for a training layout, and by field
 * only where the export holds two fields or more. */
static void
update_split (LdaExportDialog *self)
{
  guint layout = gtk_drop_down_get_selected (self->layout_dropdown);
  gboolean training = layout != LDA_EXPORT_LAYOUT_PLAIN;
  gboolean fields = gtk_check_button_get_active (self->all_wells_check) ||
                    (self->series != NULL && lda_export_split_n_fields (self->series) >= 2);

  gtk_widget_set_sensitive (GTK_WIDGET (self->val_spin), training);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seed_spin), training);
  gtk_widget_set_sensitive (GTK_WIDGET (self->field_check), training && fields);
}

/* All wells export all their time points: the choice of time points is
 * this well's. */
static void
on_wells_toggled (LdaExportDialog *self)
{
  gboolean all_wells = gtk_check_button_get_active (self->all_wells_check);

  if (all_wells)
    gtk_check_button_set_active (self->all_check, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->current_check), !all_wells);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_check), !all_wells);
  update_split (self);
}

/* The choice of wells, when the folder holds several. */
static void
show_wells (LdaExportDialog *self)
{
  const char * const *wells = lda_series_get_all_series (self->series);
  const char *well = NULL;
  g_autofree char *this_one = NULL;
  g_autofree char *all = NULL;
  guint n;

  if (wells == NULL || lda_series_get_n_frames (self->series) == 0)
    return;

  n = g_strv_length ((char **) wells);
  well = lda_series_get_frame (self->series, 0)->triple->series;
  /* Translators: the well or position open in the window */
  this_one = g_strdup_printf (_("_This one, %s"), well);
  /* Translators: every well or position of the folder, exported into one
   * dataset */
  all = g_strdup_printf (ngettext ("_All %u, one dataset", "_All %u, one dataset", n), n);
  gtk_check_button_set_label (self->this_well_check, this_one);
  gtk_check_button_set_label (self->all_wells_check, all);
  gtk_widget_set_visible (self->wells_label, TRUE);
  gtk_widget_set_visible (self->wells_box, TRUE);
}

static void
on_cancel (LdaExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_folder (LdaExportDialog *self,
            const char      *folder)
{
  g_autofree char *tooltip = NULL;

  g_free (self->folder);
  self->folder = g_strdup (folder);
  gtk_label_set_text (self->folder_label, folder);
  /* The whole path, which the button shortens at its start. */
  tooltip = g_strdup_printf ("%s\n%s", folder,
                             _("Where the label masks, counts and plot are written"));
  gtk_widget_set_tooltip_text (self->folder_button, tooltip);
}

static void
folder_chosen (GtkWindow  *parent,
               GListModel *files,
               gpointer    user_data)
{
  g_autoptr(GFile) folder = g_list_model_get_item (files, 0);
  g_autofree char *path = g_file_get_path (folder);

  if (path != NULL)
    set_folder (LDA_EXPORT_DIALOG (parent), path);
}

static void
on_choose_folder (LdaExportDialog *self)
{
  g_autoptr(GFile) initial = g_file_new_for_path (self->folder);
  LdaChooser chooser = {
    LDA_CHOOSE_FOLDER, _("Export Folder"), _("_Select"), NULL, initial, NULL,
  };

  lda_file_chooser_run (GTK_WINDOW (self), &chooser, folder_chosen, NULL);
}

static void
lda_export_dialog_dispose (GObject *object)
{
  LdaExportDialog *self = LDA_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LDA_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (lda_export_dialog_parent_class)->dispose (object);
}

static void
lda_export_dialog_finalize (GObject *object)
{
  LdaExportDialog *self = LDA_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->edits, g_ptr_array_unref);
  g_clear_pointer (&self->series, lda_series_free);
  g_free (self->folder);

  G_OBJECT_CLASS (lda_export_dialog_parent_class)->finalize (object);
}

static void
lda_export_dialog_class_init (LdaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lda_export_dialog_dispose;
  object_class->finalize = lda_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, folder_button);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, wells_label);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, wells_box);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, this_well_check);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, all_wells_check);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, current_check);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, list_check);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, list_entry);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, layout_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, layout_description);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, val_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, field_check);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, LdaExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_export);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_wells_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * LdaExportDialog::exported:
   * @folder: where the files went
   * @frame: a frame exported, or -1 for all; emitted once per frame
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
}

/* What each layout writes, under the choice. */
static const char * const layout_descriptions[LDA_N_EXPORT_LAYOUTS] = {
  N_("Label masks are 8-bit TIFF with values 0–4 and the class colours, named after their "
     "time point, with counts.csv and the dead-fraction plot (PNG and SVG)."),
  N_("Also images/ with each time point’s three channels as the pages of one TIFF, and "
     "masks/ with its label mask under the same name, with classes.json: what most U-Net "
     "scripts and data loaders read."),
  N_("Also nnU-Net v2’s imagesTr/ with a file per channel (_0000 brightfield, _0001 Hoechst, "
     "_0002 Draq7), labelsTr/ and dataset.json; a validation fraction goes to "
     "splits_final.json."),
  N_("Also 16-bit instance labels of the nuclei and the cells in instances/, and cellpose/ "
     "with each image and its cells’ masks, for Cellpose, StarDist and other instance "
     "segmentation tools."),
};

static void
on_layout_selected (LdaExportDialog *self)
{
  guint layout = gtk_drop_down_get_selected (self->layout_dropdown);

  update_split (self);
  if (layout < LDA_N_EXPORT_LAYOUTS)
    gtk_label_set_text (self->layout_description, _(layout_descriptions[layout]));
}

static void
lda_export_dialog_init (LdaExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->layout_dropdown, "notify::selected",
                            G_CALLBACK (on_layout_selected), self);
  on_layout_selected (self);
}

static gboolean
seed_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
seed_to_setting (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value), 0.0, (double) G_MAXUINT32));
}

/**
 * lda_export_dialog_bind_settings:
 * @self: an export dialog
 * @settings: the application's settings
 *
 * The layout, the validation fraction, the seed and (in a folder of
 * several wells) whether all wells are exported start as the last export
 * left them, and what the person chooses is kept for the next.
 */
void
lda_export_dialog_bind_settings (LdaExportDialog *self,
                                 GSettings       *settings)
{
  /* Read once, written on every change, never set back by the settings:
   * where a write cannot be committed (dconf without a session bus), the
   * settings read the old value again, and the choice made snapped back. */
  /* The dialog decides which controls mean something (update_split()):
   * a binding would make them sensitive again wherever the key can be
   * written. */
  const GSettingsBindFlags keep = G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES |
                                  G_SETTINGS_BIND_NO_SENSITIVITY;

  g_return_if_fail (LDA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "export-layout", self->layout_dropdown, "selected",
                   keep);
  g_settings_bind (settings, "export-val-fraction", gtk_spin_button_get_adjustment (self->val_spin),
                   "value", keep);
  g_settings_bind_with_mapping (settings, "export-seed",
                                gtk_spin_button_get_adjustment (self->seed_spin), "value",
                                keep, seed_from_setting, seed_to_setting,
                                NULL, NULL);
  g_settings_bind (settings, "export-val-by-field", self->field_check, "active",
                   keep);
  /* Only where there is a choice of wells. */
  if (gtk_widget_get_visible (self->wells_box))
    g_settings_bind (settings, "export-all-wells", self->all_wells_check, "active",
                     keep);
}

/**
 * lda_export_dialog_new:
 * @parent: the window
 * @series: (transfer full): what to export: a copy of the window's
 *   series, which the export fills with counts; the window's own is
 *   never touched from the export thread
 * @edits: (transfer full): copies of the frames' edits (LdaEdits or %NULL each)
 * @current_frame: the frame "This time point" exports
 * @folder: the folder to propose
 *
 * Returns: (transfer none): the dialog, shown
 */
LdaExportDialog *
lda_export_dialog_new (GtkWindow  *parent,
                       LdaSeries  *series,
                       GPtrArray  *edits,
                       guint       current_frame,
                       const char *folder)
{
  LdaExportDialog *self = g_object_new (LDA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->series = series;
  self->edits = edits;
  self->current_frame = current_frame;
  set_folder (self, folder);
  gtk_widget_set_visible (GTK_WIDGET (self->current_check), lda_series_get_n_frames (series) > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->list_check), lda_series_get_n_frames (series) > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->list_entry), lda_series_get_n_frames (series) > 1);
  show_wells (self);
  update_split (self);

  return self;
}

/**
 * lda_export_dialog_get_series:
 * @self: a dialog
 *
 * Returns: (transfer none): the series exported, with the counts of each
 *   frame the export wrote
 */
LdaSeries *
lda_export_dialog_get_series (LdaExportDialog *self)
{
  return self->series;
}

const char *
lda_export_dialog_get_folder (LdaExportDialog *self)
{
  return self->folder;
}

void
lda_export_dialog_set_training_layout (LdaExportDialog *self,
                                       gboolean         training_layout)
{
  lda_export_dialog_set_layout (self, training_layout ? LDA_EXPORT_LAYOUT_PAIRS
                                                      : LDA_EXPORT_LAYOUT_PLAIN, 0, 0);
}

/**
 * lda_export_dialog_set_layout:
 * @self: the dialog
 * @layout: the layout to choose
 * @val_fraction: the validation fraction, 0 … 0.9
 * @seed: the split's seed
 *
 * Sets the layout and split controls as a person would.
 */
void
lda_export_dialog_set_layout (LdaExportDialog *self,
                              LdaExportLayout  layout,
                              double           val_fraction,
                              guint32          seed)
{
  g_return_if_fail (LDA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (layout < LDA_N_EXPORT_LAYOUTS);

  gtk_drop_down_set_selected (self->layout_dropdown, layout);
  gtk_spin_button_set_value (self->val_spin, val_fraction);
  gtk_spin_button_set_value (self->seed_spin, seed);
}
