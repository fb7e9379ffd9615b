/* lda-tiff-io.h — libtiff on a descriptor we own: the TIFF readers and writers of the core and of the export
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <tiffio.h>

G_BEGIN_DECLS

/* What the Software tag of every TIFF this program writes begins with;
 * that of an automatic result (livedead segment and batch: a mask or a
 * stage with no one's corrections, which running again makes again) ends
 * with LDA_TIFF_AUTOMATIC. */
#define LDA_TIFF_SOFTWARE  "Live/Dead Annotator"
#define LDA_TIFF_AUTOMATIC " (automatic result)"

/*
 * LdaTiffIo:
 *
 * Everything one libtiff call sequence needs besides the TIFF handle.  libtiff
 * talks to the file through the callbacks of lda-tiff-io.c rather than opening it
 * itself, so that we own the descriptor (and know when it is closed), see the
 * errno of a failed read or write, and never memory-map the input (a file
 * truncated behind our back would otherwise raise SIGBUS).  The error and
 * warning handlers are per handle, so no global libtiff state is touched and
 * several threads may read files at once.
 */
typedef struct
{
  const char *path;       /* the file named in messages */
  const char *tiff_name;  /* the name libtiff knows the file by */
  int         fd;
  int         io_errno;   /* first errno of a failed read() or write() */
  char       *tiff_error; /* first error libtiff reported */
} LdaTiffIo;

void  lda_tiff_io_clear (LdaTiffIo  *io);
TIFF *lda_tiff_io_open  (LdaTiffIo  *io,
                         const char *mode);

TIFF *lda_tiff_io_open_for_reading (LdaTiffIo  *io,
                                    GError    **error);
/* Writes a TIFF into @io (opened with lda_tiff_io_open()); on failure
 * sets @reason and returns FALSE. */
typedef gboolean (*LdaTiffEncodeFunc) (LdaTiffIo      *io,
                                       gconstpointer   data,
                                       char          **reason);

gboolean lda_tiff_write_with         (const char         *path,
                                      LdaTiffEncodeFunc   encode,
                                      gconstpointer       data,
                                      GError            **error);
char    *lda_tiff_io_reason          (const LdaTiffIo    *io);
gboolean lda_tiff_set_gray_fields    (TIFF               *tif,
                                      guint32             width,
                                      guint32             height,
                                      guint16             bits,
                                      guint16             compression);
gboolean lda_file_check_foreign      (const char *path,
                                      int         fd,
                                      GError    **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdaTiffIo, lda_tiff_io_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TIFF, TIFFClose)

G_END_DECLS
