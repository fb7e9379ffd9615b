/* tiff-test-util.h — what the TIFF tests share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;
} Fixture;

void      fixture_setup          (Fixture        *f,
                                  gconstpointer   data);
void      fixture_teardown       (Fixture        *f,
                                  gconstpointer   data);
guint     pattern                (guint           x,
                                  guint           y,
                                  guint           page,
                                  guint           bits);
guint8   *make_gray              (guint           width,
                                  guint           height,
                                  guint           bits,
                                  guint           page);
char     *write_bytes            (Fixture        *f,
                                  const char     *name,
                                  const guint8   *bytes,
                                  gsize           n);
void      assert_message_names   (const GError   *error,
                                  const char     *path);
gboolean  problem_mentions       (const GError   *error,
                                  const char     *path,
                                  const char     *words);
void      assert_no_hidden_files (const char     *folder);
LdaImage *make_image             (LdaPixelType    type,
                                  guint           width,
                                  guint           height);
gboolean  images_equal           (const LdaImage *a,
                                  const LdaImage *b);

G_END_DECLS
