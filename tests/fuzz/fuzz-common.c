/* fuzz-common.c — what the fuzz targets share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

void
fuzz_write_file (const char    *path,
                 const uint8_t *data,
                 size_t         size)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  size_t done = 0;

  if (fd < 0)
    g_error ("%s: %s", path, g_strerror (errno));
  while (done < size)
    {
      ssize_t n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("%s: %s", path, g_strerror (errno));
      done += (size_t) n;
    }
  close (fd);
}

char *
fuzz_make_dir (const char *prefix)
{
  g_autofree char *template = NULL;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    template = g_strdup_printf ("/dev/shm/%s-XXXXXX", prefix);
  else
    {
      g_autofree char *name = g_strconcat (prefix, "-XXXXXX", NULL);

      template = g_build_filename (g_get_tmp_dir (), name, NULL);
    }

  if (g_mkdtemp (template) == NULL)
    g_error ("%s: %s", template, g_strerror (errno));
  return g_steal_pointer (&template);
}

void
fuzz_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          fuzz_remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
fuzz_check_error (GError *error)
{
  if (error == NULL)
    return;
  /* Every failure must carry a message a person can read. */
  if (error->message == NULL || error->message[0] == '\0' ||
      !g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *shown = g_strescape (error->message ? error->message : "(null)", NULL);

      /* abort(), not g_error(): libFuzzer keeps the input on SIGABRT. */
      g_printerr ("an error without a readable message (domain %s, code %d): \"%s\"\n",
                  g_quark_to_string (error->domain), error->code, shown);
      abort ();
    }
}
