/* lda-test-lib.h — what every test suite needs: temporary folders, the
 * bundled sample, small images, and deadlines that stretch under
 * sanitizers and valgrind
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"
#include "lda-pipeline.h"

G_BEGIN_DECLS

/* Defined in a build with AddressSanitizer or ThreadSanitizer, which
 * reserve terabytes of address space (no data limit can be set) and run
 * the largest cases for minutes. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LDA_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LDA_TEST_SANITIZED 1
#endif
#endif

/* The bundled sample triple (data/sample/), by its name without the
 * channel tag. */
#define LDA_TEST_SAMPLE "nov22-402-tile2-0_t41"

char        *lda_test_tmp_dir          (const char    *prefix);
void         lda_test_remove_tree      (const char    *path);
char        *lda_test_sample_file      (const char    *channel);
char        *lda_test_copy_sample      (const char    *prefix);
void         lda_test_copy_file        (const char    *from,
                                        const char    *to);
char        *lda_test_sample_path      (const char    *dir,
                                        const char    *channel);
LdaImage    *lda_test_image_u16        (guint          width,
                                        guint          height,
                                        const guint16 *data);
LdaImage    *lda_test_image_u8         (guint          width,
                                        guint          height,
                                        const guint8  *data);
LdaPipeline *lda_test_sample_pipeline  (void);
double       lda_test_time_factor      (void);
gint64       lda_test_deadline         (double         seconds);
GHashTable  *lda_test_snapshot         (const char    *dir);
GBytes      *lda_test_read_bytes       (const char    *path);
void         lda_test_load_sample      (LdaImage     **images);
char        *lda_test_list_files       (const char    *folder);
void         lda_test_assert_unchanged (GHashTable    *before,
                                        const char    *dir);

G_END_DECLS
