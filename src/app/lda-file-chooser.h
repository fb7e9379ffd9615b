/* lda-file-chooser.h — asking for files and folders, on GTK 4.8 and newer
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * LdaChooseMode:
 * @LDA_CHOOSE_OPEN: one file to read
 * @LDA_CHOOSE_OPEN_MULTIPLE: one or more files to read
 * @LDA_CHOOSE_FOLDER: one folder
 * @LDA_CHOOSE_SAVE: one file to write
 */
typedef enum
{
  LDA_CHOOSE_OPEN,
  LDA_CHOOSE_OPEN_MULTIPLE,
  LDA_CHOOSE_FOLDER,
  LDA_CHOOSE_SAVE,
} LdaChooseMode;

/**
 * LdaChooser:
 * @mode: what is asked for
 * @title: the dialog's title
 * @accept_label: (nullable): its button (GTK 4.8 only; newer dialogs
 *   choose their own)
 * @filter: (nullable): the files offered
 * @initial_folder: (nullable): where the dialog starts
 * @initial_name: (nullable): the name proposed for %LDA_CHOOSE_SAVE
 */
typedef struct
{
  LdaChooseMode  mode;
  const char    *title;
  const char    *accept_label;
  GtkFileFilter *filter;
  GFile         *initial_folder;
  const char    *initial_name;
} LdaChooser;

/* Called with what was chosen: a list of at least one GFile (exactly one
 * but for %LDA_CHOOSE_OPEN_MULTIPLE).  Not called when the person
 * cancels. */
typedef void (*LdaChosenFunc) (GtkWindow  *parent,
                               GListModel *files,
                               gpointer    user_data);

void lda_file_chooser_run (GtkWindow        *parent,
                           const LdaChooser *chooser,
                           LdaChosenFunc     chosen,
                           gpointer          user_data);

G_END_DECLS
