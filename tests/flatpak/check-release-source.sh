#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the git source of the Flathub manifest: the repository URL is the
# one the application id implies, a tag and a full commit are given, the
# metainfo has the tag's release, and, in a git checkout, the tag, once it
# exists, points to the commit.  Until the tag exists the check is skipped
# (exit 77) saying what to do: create the tag at the commit, or, if that
# commit is not in this history (a rewritten merge, a shallow clone), tag
# the release commit and set the manifest's commit to it.  It never passes
# without the tag.
set -u
manifest="${1:?usage: check-release-source.sh MANIFEST SOURCE_ROOT}"
root="${2:?usage: check-release-source.sh MANIFEST SOURCE_ROOT}"
me="check-release-source: $manifest"

value ()
{
  sed -n "s/^ *\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$manifest" | head -n 1
}

[ -r "$manifest" ] || { echo "$me: cannot read" >&2; exit 1; }
grep -q '"type": *"git"' "$manifest" || { echo "$me: no git source" >&2; exit 1; }

url=$(value url)
tag=$(value tag)
commit=$(value commit)

[ "$url" = "https://github.com/livedead/Annotator.git" ] ||
  { echo "$me: url $url is not where io.github.livedead.Annotator lives" >&2; exit 1; }
case "$tag" in
  v[0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "$me: tag “$tag” is not vMAJOR.MINOR.PATCH" >&2; exit 1 ;;
esac
echo "$commit" | grep -Eq '^[0-9a-f]{40}$' ||
  { echo "$me: commit “$commit” is not a full commit id" >&2; exit 1; }

version=$(sed -n "s/^ *version: *'\\([^']*\\)'.*/\\1/p" "$root/meson.build" | head -n 1)
grep -q "<release version=\"${tag#v}\"" "$root/data/io.github.livedead.Annotator.metainfo.xml.in" ||
  { echo "$me: the metainfo has no release ${tag#v}" >&2; exit 1; }

if ! command -v git >/dev/null 2>&1 || ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  echo "$me: not a git checkout: tag and commit not checked"
  exit 77
fi

tagged=$(git -C "$root" rev-parse -q --verify "refs/tags/$tag^{commit}" 2>/dev/null)
if [ -z "$tagged" ]; then
  if git -C "$root" merge-base --is-ancestor "$commit" HEAD 2>/dev/null; then
    echo "$me: tag $tag does not exist yet; create it with: git tag -a $tag $commit"
  else
    echo "$me: tag $tag does not exist yet, and commit $commit is not in this history;" \
         "tag the release commit and set \"commit\" in the manifest to it"
  fi
  exit 77
fi
if [ "$tagged" != "$commit" ]; then
  echo "$me: tag $tag points to $tagged, the manifest to $commit" >&2
  exit 1
fi

echo "$me: ok ($tag = $commit, version $version)"
