/* test-json.h — a strict JSON reader for the tests, GLib has none
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef enum
{
  TEST_JSON_NULL,
  TEST_JSON_BOOL,
  TEST_JSON_NUMBER,
  TEST_JSON_STRING,
  TEST_JSON_ARRAY,
  TEST_JSON_OBJECT,
} TestJsonType;

typedef struct
{
  TestJsonType type;
  gboolean     boolean;
  double       number;
  char        *string;
  GPtrArray   *items;  /* the values of an array or an object */
  GPtrArray   *keys;   /* the keys of an object, in order */
} TestJson;

TestJson *test_json_parse (const char *text);
void      test_json_free  (TestJson   *self);
TestJson *test_json_get   (TestJson   *object,
                           const char *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestJson, test_json_free)
