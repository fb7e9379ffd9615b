/* lda-tiff-io.c — libtiff on a descriptor we own
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lda-tiff-io.h"

/* Closes the descriptor and forgets the error of @io. */
void
lda_tiff_io_clear (LdaTiffIo *io)
{
  if (io->fd >= 0)
    close (io->fd);
  io->fd = -1;
  g_clear_pointer (&io->tiff_error, g_free);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TIFFOpenOptions, TIFFOpenOptionsFree)

static int
on_tiff_error (TIFF       *tif,
               void       *user_data,
               const char *module,
               const char *fmt,
               va_list     args)
{
  LdaTiffIo *io = user_data;
  int saved_errno = errno;

  /* The first error is the one that explains the failure; later ones are
   * usually consequences of it. */
  if (io->tiff_error == NULL)
    {
      g_autofree char *text = g_strdup_vprintf (fmt, args);
      const char *detail = text;
      gsize name_len = strlen (io->tiff_name);

      /* Our messages already start with the file name: drop it where libtiff
       * repeats it, as the module or at the start of the text. */
      if (strncmp (detail, io->tiff_name, name_len) == 0 &&
          strncmp (detail + name_len, ": ", 2) == 0)
        detail += name_len + 2;

      /* A whole strip read has no scanline: libtiff says 4294967295. */
      {
        char *at = strstr (text, " at scanline 4294967295");

        if (at != NULL)
          memmove (at, at + strlen (" at scanline 4294967295"),
                   strlen (at + strlen (" at scanline 4294967295")) + 1);
      }

      if (module != NULL && *module != '\0' && strcmp (module, io->tiff_name) != 0)
        io->tiff_error = g_strdup_printf ("%s: %s", module, detail);
      else
        io->tiff_error = g_strdup (detail);
    }

  errno = saved_errno;

  /* Handled: do not pass it on to the process-wide handler. */
  return 1;
}

static int
on_tiff_warning (TIFF       *tif,
                 void       *user_data,
                 const char *module,
                 const char *fmt,
                 va_list     args)
{
  /* Warnings (unknown tags and the like) do not stop us reading the file,
   * and a library must not print them on the application's stderr. */
  return 1;
}

static tmsize_t
io_read (thandle_t handle,
         void     *buffer,
         tmsize_t  size)
{
  LdaTiffIo *io = (LdaTiffIo *) handle;
  guint8 *bytes = buffer;
  tmsize_t done = 0;

  while (done < size)
    {
      ssize_t n = read (io->fd, bytes + done, (size_t) (size - done));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          if (io->io_errno == 0)
            io->io_errno = errno;
          return -1;
        }
      if (n == 0)
        break;  /* end of file: libtiff sees the short count */
      done += n;
    }

  return done;
}

static tmsize_t
io_write (thandle_t handle,
          void     *buffer,
          tmsize_t  size)
{
  LdaTiffIo *io = (LdaTiffIo *) handle;
  const guint8 *bytes = buffer;
  tmsize_t done = 0;

  while (done < size)
    {
      ssize_t n = write (io->fd, bytes + done, (size_t) (size - done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (io->io_errno == 0)
            io->io_errno = n < 0 ? errno : EIO;
          return -1;
        }
      done += n;
    }

  return done;
}

static toff_t
io_seek (thandle_t handle,
         toff_t    offset,
         int       whence)
{
  LdaTiffIo *io = (LdaTiffIo *) handle;
  off_t off = (off_t) offset;

  if (off < 0 || (toff_t) off != offset)
    {
      errno = EINVAL;
      return (toff_t) -1;
    }

  return (toff_t) lseek (io->fd, off, whence);
}

static int
io_close (thandle_t handle)
{
  /* The descriptor belongs to LdaTiffIo: the writer must fsync it after
   * libtiff is done, and closing it twice would be a bug. */
  return 0;
}

static toff_t
io_size (thandle_t handle)
{
  LdaTiffIo *io = (LdaTiffIo *) handle;
  struct stat st;

  if (fstat (io->fd, &st) != 0)
    return 0;

  return (toff_t) st.st_size;
}

static int
io_map (thandle_t  handle,
        void     **base,
        toff_t    *size)
{
  return 0;  /* never map: see LdaTiffIo */
}

static void
io_unmap (thandle_t handle,
          void     *base,
          toff_t    size)
{
}

/* Opens a TIFF handle on io->fd, with @io's error handlers. */
TIFF *
lda_tiff_io_open (LdaTiffIo  *io,
                  const char *mode)
{
  g_autoptr(TIFFOpenOptions) opts = TIFFOpenOptionsAlloc ();

  TIFFOpenOptionsSetErrorHandlerExtR (opts, on_tiff_error, io);
  TIFFOpenOptionsSetWarningHandlerExtR (opts, on_tiff_warning, io);

  /* libtiff copies the options into the handle, so they may go now. */
  return TIFFClientOpenExt (io->tiff_name, mode, (thandle_t) io,
                            io_read, io_write, io_seek, io_close, io_size,
                            io_map, io_unmap, opts);
}

/**
 * lda_tiff_io_reason:
 * @io: a handle a write through which failed
 *
 * Returns: (transfer full): why, in words for the person: the system's
 *   error, libtiff's, or that the image could not be encoded
 */
char *
lda_tiff_io_reason (const LdaTiffIo *io)
{
  if (io->io_errno != 0)
    return g_strdup (g_strerror (io->io_errno));
  if (io->tiff_error != NULL)
    return g_strdup (io->tiff_error);
  return g_strdup (_("libtiff could not encode the image"));
}

/**
 * lda_tiff_set_gray_fields:
 * @tif: a TIFF being written
 * @width: columns
 * @height: rows
 * @bits: 8 or 16
 * @compression: a libtiff compression scheme
 *
 * Sets the fields of a one-channel unsigned grey image, top row first,
 * signed in Software as this program's (LDA_TIFF_SOFTWARE), without a
 * predictor: ImageJ before 1.53v (Debian 12's 1.53t among them)
 * decodes 16-bit Deflate with the horizontal predictor as noise.
 *
 * Returns: %TRUE when libtiff took every field
 */
gboolean
lda_tiff_set_gray_fields (TIFF    *tif,
                          guint32  width,
                          guint32  height,
                          guint16  bits,
                          guint16  compression)
{
  return TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, width) &&
         TIFFSetField (tif, TIFFTAG_IMAGELENGTH, height) &&
         TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, bits) &&
         TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1) &&
         TIFFSetField (tif, TIFFTAG_SAMPLEFORMAT, (guint16) SAMPLEFORMAT_UINT) &&
         TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK) &&
         TIFFSetField (tif, TIFFTAG_PLANARCONFIG, (guint16) PLANARCONFIG_CONTIG) &&
         TIFFSetField (tif, TIFFTAG_ORIENTATION, (guint16) ORIENTATION_TOPLEFT) &&
         TIFFSetField (tif, TIFFTAG_COMPRESSION, compression) &&
         TIFFSetField (tif, TIFFTAG_SOFTWARE, LDA_TIFF_SOFTWARE " " PACKAGE_VERSION);
}
