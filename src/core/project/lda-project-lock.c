/* lda-project-lock.c — one writer per project
 *
 * Two windows, or a window and a window on another machine sharing the
 * folder, would overwrite each other's corrections.  The first to open a
 * project takes its lock: a small key file, .livedead-lock, in the
 * project folder, naming the host, the process and when.  A second opener
 * is told who has it and shows the project read-only.
 *
 * The lock is made complete under a private name and linked into place,
 * so it appears whole or not at all, on local and network file systems
 * alike.  A lock is stale, and taken over, when its process is gone (same
 * host and PID namespace: the process does not exist, is a zombie, or is
 * another process that got the same number since — the lock keeps the
 * boot and the process's start time), or, for a holder this
 * machine cannot ask, when it has not been refreshed for
 * %LDA_PROJECT_LOCK_STALE_SECONDS: holders refresh it every
 * %LDA_PROJECT_LOCK_REFRESH_SECONDS.  Each lock carries a random token,
 * so that a holder never removes or refreshes a lock that is no longer
 * its own.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-project-lock.h"

#define LOCK_GROUP     "lock"
#define LOCK_MAX_BYTES 4096
/* A lock file this young may still be being written by its maker. */
#define LOCK_GRACE_SECONDS 10

struct _LdaProjectLock
{
  char *path;
  char *token;
  char *made;     /* the outermost folder the lock made, or NULL */
};

/* Locks this process holds, path → token: a second window of the same
 * process is another opener too, and kill(getpid(), 0) cannot tell. */
G_LOCK_DEFINE_STATIC (held);
static GHashTable *held;

typedef struct
{
  char   *host;
  char   *pid_namespace;
  char   *boot_id;
  char   *start_time;
  gint64  pid;
  char   *since;
  char   *token;
  gint64  age;          /* seconds since the holder last refreshed it */
} Holder;

static void
holder_clear (Holder *holder)
{
  g_free (holder->host);
  g_free (holder->pid_namespace);
  g_free (holder->boot_id);
  g_free (holder->start_time);
  g_free (holder->since);
  g_free (holder->token);
}

static char *
pid_namespace (void)
{
  char *target = g_file_read_link ("/proc/self/ns/pid", NULL);

  return target != NULL ? target : g_strdup ("");
}

static char *
boot_id (void)
{
  char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return NULL;

  return g_strstrip (text);
}

/* The state and start time (in clock ticks after boot) of process @pid,
 * from /proc/<pid>/stat; FALSE when there is no such process (or no
 * /proc to ask: then *@known is FALSE). */
static gboolean
process_stat (gint64     pid,
              char      *state,
              char     **start_time,
              gboolean  *known)
{
  g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  *known = g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  /* "pid (name) state ppid …": the name may hold spaces and parentheses. */
  after = strrchr (text, ')');
  if (after == NULL)
    return FALSE;
  fields = g_strsplit (after + 1, " ", 0);

  /* fields[0] is empty; then state (field 3), …, starttime (field 22). */
  if (g_strv_length (fields) < 21)
    return FALSE;
  *state = fields[1][0];
  *start_time = g_strdup (fields[20]);
  return TRUE;
}

static char *
make_token (void)
{
  return g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
                          g_random_int (), g_random_int ());
}

static char *
lock_contents (const char *token)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since = g_date_time_format_iso8601 (now);
  g_autofree char *ns = pid_namespace ();
  g_autofree char *boot = boot_id ();
  g_autofree char *start = NULL;
  gboolean known;
  char state;

  g_key_file_set_string (key_file, LOCK_GROUP, "host", g_get_host_name ());
  g_key_file_set_string (key_file, LOCK_GROUP, "pid-namespace", ns);
  if (boot != NULL)
    g_key_file_set_string (key_file, LOCK_GROUP, "boot-id", boot);
  if (process_stat (getpid (), &state, &start, &known))
    g_key_file_set_string (key_file, LOCK_GROUP, "start-time", start);
  g_key_file_set_int64 (key_file, LOCK_GROUP, "pid", getpid ());
  g_key_file_set_string (key_file, LOCK_GROUP, "since", since);
  g_key_file_set_string (key_file, LOCK_GROUP, "token", token);

  return g_key_file_to_data (key_file, NULL, NULL);
}

/* Reads the lock at @path.  Returns FALSE when there is none; a lock that
 * cannot be parsed gives a holder with no token. */
static gboolean
read_holder (const char *path,
             Holder     *holder)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  char buffer[LOCK_MAX_BYTES + 1];
  struct stat st;
  gssize n;
  int fd;

  memset (holder, 0, sizeof *holder);

  /* Never follow a link or wait on a FIFO someone put in its place. */
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return errno != ENOENT;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      holder->age = G_MAXINT64;
      return TRUE;
    }
  holder->age = g_get_real_time () / G_USEC_PER_SEC - (gint64) st.st_mtime;
  n = read (fd, buffer, LOCK_MAX_BYTES);
  close (fd);
  if (n <= 0)
    return TRUE;
  buffer[n] = '\0';

  if (!g_key_file_load_from_data (key_file, buffer, (gsize) n, G_KEY_FILE_NONE, NULL))
    return TRUE;

  holder->host = g_key_file_get_string (key_file, LOCK_GROUP, "host", NULL);
  holder->pid_namespace = g_key_file_get_string (key_file, LOCK_GROUP, "pid-namespace", NULL);
  holder->boot_id = g_key_file_get_string (key_file, LOCK_GROUP, "boot-id", NULL);
  holder->start_time = g_key_file_get_string (key_file, LOCK_GROUP, "start-time", NULL);
  holder->pid = g_key_file_get_int64 (key_file, LOCK_GROUP, "pid", NULL);
  holder->since = g_key_file_get_string (key_file, LOCK_GROUP, "since", NULL);
  holder->token = g_key_file_get_string (key_file, LOCK_GROUP, "token", NULL);
  return TRUE;
}

static gboolean
held_here (const char *path,
           const char *token)
{
  const char *ours;
  gboolean result;

  G_LOCK (held);
  ours = held != NULL ? g_hash_table_lookup (held, path) : NULL;
  result = ours != NULL && g_strcmp0 (ours, token) == 0;
  G_UNLOCK (held);

  return result;
}

/* Whether @holder may still be at work on the project. */
static gboolean
holder_alive (const char   *path,
              const Holder *holder)
{
  g_autofree char *ns = pid_namespace ();

  if (holder->token == NULL || holder->host == NULL || holder->pid <= 0 ||
      holder->pid > G_MAXINT)
    return holder->age < LOCK_GRACE_SECONDS;

  if (g_str_equal (holder->host, g_get_host_name ()) &&
      g_strcmp0 (holder->pid_namespace, ns) == 0)
    {
      g_autofree char *boot = boot_id ();
      g_autofree char *start = NULL;
      gboolean known = FALSE;
      char state = 0;

      /* The machine was restarted since: nothing of then still runs. */
      if (holder->boot_id != NULL && boot != NULL && !g_str_equal (holder->boot_id, boot))
        return FALSE;

      if ((pid_t) holder->pid == getpid ())
        return held_here (path, holder->token);

      if (process_stat (holder->pid, &state, &start, &known))
        {
          /* A zombie has finished; another start time is another process
           * that was given the same number. */
          if (state == 'Z' || state == 'X')
            return FALSE;
          return holder->start_time == NULL || g_str_equal (holder->start_time, start);
        }
      if (known)
        return FALSE;

      return kill ((pid_t) holder->pid, 0) == 0 || errno != ESRCH;
    }

  /* A process on another machine, or in another PID namespace: only the
   * refreshes tell that it is still there. */
  return holder->age < LDA_PROJECT_LOCK_STALE_SECONDS;
}

/* When the holder took the lock, for a person: in local time to the
 * minute ("2026-12-04 15:59"), not as the file keeps it
 * ("2026-12-04T14:59:06.871194Z"). */
static char *
since_for_people (const char *since)
{
  g_autoptr(GDateTime) utc = since != NULL ? g_date_time_new_from_iso8601 (since, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (since != NULL ? since : "?");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
set_locked_error (GError       **error,
                  const char    *folder,
                  const Holder  *holder)
{
  if (holder->host != NULL && holder->pid > 0 && (pid_t) holder->pid == getpid () &&
      g_str_equal (holder->host, g_get_host_name ()))
    g_set_error (error, LDA_ERROR, LDA_ERROR_LOCKED,
                 _("%s is open in another window"), folder);
  else if (holder->host != NULL && holder->pid > 0)
    {
      g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, holder->pid);
      g_autofree char *since = since_for_people (holder->since);

      g_set_error (error, LDA_ERROR, LDA_ERROR_LOCKED,
                   _("%s is open in Live/Dead Annotator on %s (process %s) since %s"),
                   folder, holder->host, pid, since);
    }
  else
    g_set_error (error, LDA_ERROR, LDA_ERROR_LOCKED,
                 _("%s is being opened by another process"), folder);
}

/* Writes our lock under a private name in @folder; returns its path. */
static char *
write_private (const char  *folder,
               const char  *contents,
               GError     **error)
{
  g_autofree char *path = g_build_filename (folder, ".livedead-tmp-lock-XXXXXX", NULL);
  gsize length = strlen (contents);
  int fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0644);
  gboolean ok;

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  ok = write (fd, contents, length) == (gssize) length && fsync (fd) == 0;
  if (close (fd) != 0)
    ok = FALSE;
  if (!ok)
    {
      int saved_errno = errno;

      g_unlink (path);
      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* The outermost of @folder and its parents that does not exist yet. */
static char *
outermost_missing (const char *folder)
{
  g_autofree char *path = g_strdup (folder);
  char *missing = NULL;

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      char *parent = g_path_get_dirname (path);

      g_free (missing);
      missing = g_steal_pointer (&path);
      path = parent;
      if (g_str_equal (path, missing))
        break;
    }

  return missing;
}

/* Removes the folders from @folder up to @made, as long as they are
 * empty: the ones the lock made, and only those. */
static void
remove_made (const char *folder,
             const char *made)
{
  g_autofree char *path = g_strdup (folder);

  if (made == NULL)
    return;

  for (;;)
    {
      char *parent;

      if (g_rmdir (path) != 0 || g_str_equal (path, made))
        return;
      parent = g_path_get_dirname (path);
      g_free (path);
      path = parent;
    }
}

/* On a file system without hard links, exclusive creation is atomic
 * enough; the lock may be seen empty for a moment (see
 * LOCK_GRACE_SECONDS). */
static gboolean
create_exclusive (const char *path,
                  const char *contents)
{
  gsize length = strlen (contents);
  gboolean ok;
  int fd;

  if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
    return FALSE;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return FALSE;

  ok = write (fd, contents, length) == (gssize) length && fsync (fd) == 0;
  close (fd);
  if (!ok)
    {
      g_unlink (path);
      errno = EIO;
    }

  return ok;
}

/**
 * lda_project_lock_acquire:
 * @folder: a project folder; created if needed
 * @error: return location for an error
 *
 * Takes the project's lock, taking over a stale one.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL with
 *   %LDA_ERROR_LOCKED naming who holds it, or %LDA_ERROR_WRITE
 */
LdaProjectLock *
lda_project_lock_acquire (const char  *folder,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *made = outermost_missing (folder);
  LdaProjectLock *self;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (folder, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot create the folder: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  path = g_build_filename (folder, LDA_PROJECT_LOCK_NAME, NULL);
  token = make_token ();
  contents = lock_contents (token);
  mine = write_private (folder, contents, error);
  if (mine == NULL)
    return NULL;

  for (guint attempt = 0;; attempt++)
    {
      Holder holder;

      if (attempt >= 10)
        {
          g_unlink (mine);
          g_set_error (error, LDA_ERROR, LDA_ERROR_LOCKED,
                       _("%s is being opened by another process"), folder);
          return NULL;
        }

      if (link (mine, path) == 0 || (errno != EEXIST && create_exclusive (path, contents)))
        break;
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_unlink (mine);
          g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                       path, g_strerror (saved_errno));
          return NULL;
        }

      /* Someone has it: gone since, alive, or stale. */
      if (!read_holder (path, &holder))
        continue;
      if (holder_alive (path, &holder))
        {
          g_unlink (mine);
          set_locked_error (error, folder, &holder);
          holder_clear (&holder);
          remove_made (folder, made);
          return NULL;
        }
      holder_clear (&holder);

      /* Stale: replace it whole.  Another process may do the same at the
       * same moment; the check below tells who won. */
      if (g_rename (mine, path) == 0)
        break;
    }

  g_unlink (mine);
  {
    Holder holder;
    gboolean ours = read_holder (path, &holder) && g_strcmp0 (holder.token, token) == 0;

    if (!ours)
      set_locked_error (error, folder, &holder);
    holder_clear (&holder);
    if (!ours)
      return NULL;
  }

  self = g_new0 (LdaProjectLock, 1);
  self->path = g_steal_pointer (&path);
  self->token = g_steal_pointer (&token);
  self->made = g_steal_pointer (&made);

  G_LOCK (held);
  if (held == NULL)
    held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (held, g_strdup (self->path), g_strdup (self->token));
  G_UNLOCK (held);

  return self;
}

/**
 * lda_project_lock_refresh:
 * @self: a lock
 * @error: return location for an error
 *
 * Tells other machines the holder is still there; call it every
 * %LDA_PROJECT_LOCK_REFRESH_SECONDS.
 *
 * Returns: %FALSE with %LDA_ERROR_LOCKED if the lock is no longer ours
 *   (removed, or taken over after this process stood still for longer
 *   than %LDA_PROJECT_LOCK_STALE_SECONDS)
 */
gboolean
lda_project_lock_refresh (LdaProjectLock  *self,
                          GError         **error)
{
  g_autofree char *folder = NULL;
  Holder holder;
  gboolean ours;

  g_return_val_if_fail (self != NULL, FALSE);

  ours = read_holder (self->path, &holder) && g_strcmp0 (holder.token, self->token) == 0;
  if (ours)
    ours = utimensat (AT_FDCWD, self->path, NULL, 0) == 0;
  if (!ours)
    {
      folder = g_path_get_dirname (self->path);
      set_locked_error (error, folder, &holder);
    }
  holder_clear (&holder);

  return ours;
}

/**
 * lda_project_lock_release:
 * @self: (nullable): a lock
 *
 * Removes the lock if it is still ours, and frees @self.
 */
void
lda_project_lock_release (LdaProjectLock *self)
{
  Holder holder;

  if (self == NULL)
    return;

  if (read_holder (self->path, &holder) && g_strcmp0 (holder.token, self->token) == 0)
    g_unlink (self->path);
  holder_clear (&holder);

  /* Opening something and saving nothing leaves no trace. */
  if (self->made != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (self->path);

      remove_made (folder, self->made);
    }

  G_LOCK (held);
  if (held != NULL)
    g_hash_table_remove (held, self->path);
  G_UNLOCK (held);

  g_free (self->path);
  g_free (self->token);
  g_free (self->made);
  g_free (self);
}
