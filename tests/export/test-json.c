/* test-json.c — a strict JSON reader for the tests (RFC 8259: objects,
 * arrays, strings with every escape, numbers, true, false, null; no
 * trailing commas, nothing after the value)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "test-json.h"

typedef struct
{
  const char *p;
} Reader;

static TestJson *parse_value (Reader *r, guint depth);

static void
skip_space (Reader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
}

void
test_json_free (TestJson *self)
{
  if (self == NULL)
    return;
  g_free (self->string);
  if (self->items != NULL)
    g_ptr_array_unref (self->items);
  if (self->keys != NULL)
    g_ptr_array_unref (self->keys);
  g_free (self);
}

static TestJson *
new_value (TestJsonType type)
{
  TestJson *v = g_new0 (TestJson, 1);

  v->type = type;
  if (type == TEST_JSON_ARRAY || type == TEST_JSON_OBJECT)
    v->items = g_ptr_array_new_with_free_func ((GDestroyNotify) test_json_free);
  if (type == TEST_JSON_OBJECT)
    v->keys = g_ptr_array_new_with_free_func (g_free);
  return v;
}

static char *
parse_string (Reader *r)
{
  GString *s = g_string_new (NULL);

  if (*r->p != '"')
    goto fail;
  r->p++;
  while (*r->p != '"')
    {
      guchar c = (guchar) *r->p;

      if (c == '\0' || c < 0x20)
        goto fail;
      if (c != '\\')
        {
          g_string_append_c (s, (char) c);
          r->p++;
          continue;
        }
      r->p++;
      switch (*r->p)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            char hex[5] = { 0, };
            char *end = NULL;
            gunichar u;

            memcpy (hex, r->p + 1, 4);
            if (strlen (hex) != 4)
              goto fail;
            u = (gunichar) strtoul (hex, &end, 16);
            if (*end != '\0')
              goto fail;
            g_string_append_unichar (s, u);
            r->p += 4;
            break;
          }
        default:
          goto fail;
        }
      r->p++;
    }
  r->p++;
  if (!g_utf8_validate (s->str, s->len, NULL))
    goto fail;
  return g_string_free (s, FALSE);

fail:
  g_string_free (s, TRUE);
  return NULL;
}

static TestJson *
parse_number (Reader *r)
{
  const char *start = r->p;
  TestJson *v;

  if (*r->p == '-')
    r->p++;
  if (*r->p == '0')
    r->p++;
  else if (g_ascii_isdigit (*r->p))
    while (g_ascii_isdigit (*r->p))
      r->p++;
  else
    return NULL;
  if (*r->p == '.')
    {
      r->p++;
      if (!g_ascii_isdigit (*r->p))
        return NULL;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (*r->p == 'e' || *r->p == 'E')
    {
      r->p++;
      if (*r->p == '+' || *r->p == '-')
        r->p++;
      if (!g_ascii_isdigit (*r->p))
        return NULL;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }

  v = new_value (TEST_JSON_NUMBER);
  v->number = g_ascii_strtod (start, NULL);
  return v;
}

static TestJson *
parse_container (Reader *r,
                 guint   depth)
{
  gboolean object = *r->p == '{';
  char close = object ? '}' : ']';
  g_autoptr(TestJson) v = new_value (object ? TEST_JSON_OBJECT : TEST_JSON_ARRAY);

  r->p++;
  skip_space (r);
  if (*r->p == close)
    {
      r->p++;
      return g_steal_pointer (&v);
    }
  for (;;)
    {
      TestJson *item;

      skip_space (r);
      if (object)
        {
          char *key = parse_string (r);

          if (key == NULL)
            return NULL;
          g_ptr_array_add (v->keys, key);
          skip_space (r);
          if (*r->p != ':')
            return NULL;
          r->p++;
        }
      item = parse_value (r, depth + 1);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (v->items, item);
      skip_space (r);
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      if (*r->p != close)
        return NULL;
      r->p++;
      return g_steal_pointer (&v);
    }
}

static TestJson *
parse_value (Reader *r,
             guint   depth)
{
  TestJson *v;

  if (depth > 64)
    return NULL;
  skip_space (r);
  switch (*r->p)
    {
    case '{':
    case '[':
      return parse_container (r, depth);
    case '"':
      {
        char *s = parse_string (r);

        if (s == NULL)
          return NULL;
        v = new_value (TEST_JSON_STRING);
        v->string = s;
        return v;
      }
    case 't':
    case 'f':
    case 'n':
      {
        static const char * const words[] = { "true", "false", "null" };

        for (guint i = 0; i < G_N_ELEMENTS (words); i++)
          if (strncmp (r->p, words[i], strlen (words[i])) == 0)
            {
              r->p += strlen (words[i]);
              v = new_value (i == 2 ? TEST_JSON_NULL : TEST_JSON_BOOL);
              v->boolean = i == 0;
              return v;
            }
        return NULL;
      }
    default:
      return parse_number (r);
    }
}

/**
 * test_json_parse:
 * @text: JSON text, UTF-8
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if @text is
 *   not exactly one JSON value
 */
TestJson *
test_json_parse (const char *text)
{
  Reader r = { text };
  g_autoptr(TestJson) v = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  v = parse_value (&r, 0);
  if (v == NULL)
    return NULL;
  skip_space (&r);
  if (*r.p != '\0')
    return NULL;
  return g_steal_pointer (&v);
}

/**
 * test_json_get:
 * @object: an object
 * @key: a key
 *
 * Returns: (transfer none) (nullable): the value of @key, %NULL when
 *   @object is not an object or has no @key; fails the test if it has
 *   @key twice
 */
TestJson *
test_json_get (TestJson   *object,
               const char *key)
{
  TestJson *found = NULL;

  if (object == NULL || object->type != TEST_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (object->keys, i), key))
      {
        g_assert_null (found);
        found = g_ptr_array_index (object->items, i);
      }
  return found;
}
