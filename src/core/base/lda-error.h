/* lda-error.h — error domain of the segmentation core
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>


G_BEGIN_DECLS

#define LDA_ERROR (lda_error_quark ())

/**
 * LdaError:
 * @LDA_ERROR_FAILED: anything not covered below
 * @LDA_ERROR_NOT_FOUND: a file or folder does not exist
 * @LDA_ERROR_READ: a file exists but cannot be read (permissions, I/O)
 * @LDA_ERROR_CORRUPT: a file is damaged: truncated, not a TIFF, bad strips
 * @LDA_ERROR_UNSUPPORTED: a valid TIFF of a kind the core does not take
 *   (float, signed, colour, palette, 1-bit, …)
 * @LDA_ERROR_SIZE_MISMATCH: the three images of a triple differ in size
 * @LDA_ERROR_TOO_LARGE: an image would need more memory than is sensible
 * @LDA_ERROR_WRITE: an output file or folder cannot be written
 * @LDA_ERROR_INVALID_PARAMS: a parameter is out of range or a parameter
 *   file is malformed
 * @LDA_ERROR_NO_TRIPLES: a folder holds no complete triple
 * @LDA_ERROR_EXISTS: a file would be replaced and replacing was not asked for
 * @LDA_ERROR_LOCKED: a project is open elsewhere (another window, another
 *   process, another machine) and cannot be changed here
 * @LDA_ERROR_DAMAGED: a project has corrections that were set aside as
 *   damaged and the person has not yet said to go on without them
 * @LDA_ERROR_IS_INPUT: an output would replace one of the inputs
 * @LDA_ERROR_CHANNELS: a file's channels cannot be told apart by name and
 *   no channel map says which is which
 *
 * Every failure a user can cause is reported with one of these codes and a
 * message that names the file and the problem.
 */
typedef enum
{
  LDA_ERROR_FAILED,
  LDA_ERROR_NOT_FOUND,
  LDA_ERROR_READ,
  LDA_ERROR_CORRUPT,
  LDA_ERROR_UNSUPPORTED,
  LDA_ERROR_SIZE_MISMATCH,
  LDA_ERROR_TOO_LARGE,
  LDA_ERROR_WRITE,
  LDA_ERROR_INVALID_PARAMS,
  LDA_ERROR_NO_TRIPLES,
  LDA_ERROR_EXISTS,
  LDA_ERROR_LOCKED,
  LDA_ERROR_DAMAGED,
  LDA_ERROR_IS_INPUT,
  LDA_ERROR_CHANNELS,
} LdaError;

GQuark   lda_error_quark   (void);

G_END_DECLS
