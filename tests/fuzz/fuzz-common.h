/* fuzz-common.h — what the fuzz targets share
 *
 * Each target defines LLVMFuzzerTestOneInput().  Built with
 * -Dfuzzing=true and clang, libFuzzer drives it; in every other build
 * fuzz-replay.c drives it over the committed seeds and the inputs that
 * once crashed it, so that the normal test suite replays them.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Writes @size bytes to @path, replacing it; aborts when it cannot, since
 * a target that cannot set up its input tests nothing. */
void fuzz_write_file (const char    *path,
                      const uint8_t *data,
                      size_t         size);

/* A fresh folder in memory (/dev/shm when there is one), removed at exit
 * by fuzz_remove_tree(). */
char *fuzz_make_dir  (const char    *prefix);
void  fuzz_remove_tree (const char  *path);

/* Messages of the code under test are part of what is tested (they are
 * formatted from the damaged data), but printing them slows the fuzzer
 * down: they are formatted, then dropped. */
void  fuzz_check_error (GError      *error);
