/* lda-stage-cache.c — the slow stages' results kept by parameters
 *
 * A slider dragged to and fro comes back to values it has been at.  The
 * nucleus split and the watershed are the slow stages, and what they and
 * the labels make is a function of the images and the parameters alone;
 * so a pipeline that drops those results because a parameter moved may
 * hand them here, keyed by the parameters they were made with, and take
 * them back when the parameters return.  The most recently kept come
 * first; the oldest go once the cache holds its capacity.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-stage-cache.h"

typedef struct
{
  LdaParams       params;
  LdaStageResults results;
} Entry;

struct _LdaStageCache
{
  guint   capacity;
  GQueue  entries;   /* of Entry, newest first */
};

/* Frees what @results holds and empties it. */
void
lda_stage_results_clear (LdaStageResults *results)
{
  g_clear_pointer (&results->nuclei, lda_nuclei_free);
  g_clear_pointer (&results->regions, lda_regions_free);
  g_clear_pointer (&results->labels, lda_image_unref);
  g_clear_pointer (&results->counts, lda_counts_free);
  results->dead_level = 0;
}

static void
entry_free (Entry *entry)
{
  lda_stage_results_clear (&entry->results);
  g_free (entry);
}

/**
 * lda_stage_cache_new:
 * @capacity: how many sets of results to keep; 0 keeps none
 *
 * Returns: (transfer full): an empty cache
 */
LdaStageCache *
lda_stage_cache_new (guint capacity)
{
  LdaStageCache *self = g_new0 (LdaStageCache, 1);

  self->capacity = capacity;
  g_queue_init (&self->entries);

  return self;
}

void
lda_stage_cache_free (LdaStageCache *self)
{
  if (self == NULL)
    return;

  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  g_free (self);
}

/* How many sets of results the cache holds. */
guint
lda_stage_cache_get_size (LdaStageCache *self)
{
  return self->entries.length;
}

/**
 * lda_stage_cache_put:
 * @self: a cache
 * @params: the parameters @results were made with
 * @results: (inout): results, which the cache takes; emptied
 *
 * Keeps @results, replacing any kept for the same parameters, and drops
 * the oldest beyond the capacity.
 */
void
lda_stage_cache_put (LdaStageCache   *self,
                     const LdaParams *params,
                     LdaStageResults *results)
{
  LdaStageResults old = { 0, };
  Entry *entry;

  if (lda_stage_cache_take (self, params, &old))
    lda_stage_results_clear (&old);

  if (self->capacity == 0 || results->labels == NULL || results->regions == NULL)
    {
      lda_stage_results_clear (results);
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->params = *params;
  entry->results = *results;
  *results = (LdaStageResults) { 0, };
  g_queue_push_head (&self->entries, entry);

  while (self->entries.length > self->capacity)
    entry_free (g_queue_pop_tail (&self->entries));
}

/**
 * lda_stage_cache_take:
 * @self: a cache
 * @params: parameters
 * @results: (out): the results kept for @params, which the caller now owns
 *
 * Returns: whether results for @params were kept; they leave the cache
 */
gboolean
lda_stage_cache_take (LdaStageCache   *self,
                      const LdaParams *params,
                      LdaStageResults *results)
{
  for (GList *l = self->entries.head; l != NULL; l = l->next)
    {
      Entry *entry = l->data;

      if (!lda_params_equal (&entry->params, params))
        continue;

      *results = entry->results;
      entry->results = (LdaStageResults) { 0, };
      g_queue_delete_link (&self->entries, l);
      entry_free (entry);
      return TRUE;
    }

  return FALSE;
}
