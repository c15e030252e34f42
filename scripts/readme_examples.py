#!/usr/bin/env python3
"""Extracts the shell examples of a Markdown file (its ```bash blocks) as a bash script for scripts/test-readme.sh.

Every command (lines joined across a trailing backslash or an open single-quoted string) becomes one call of
`readme_run LINE` or `readme_skip LINE REASON`, with the command text on stdin, so the runner can number, log and
judge each one while variables (RUN=..., ID=...) carry over from command to command, top to bottom.

Examples that are not run on purpose say so in the README source, in an HTML comment right above their block (not
shown on GitHub), one directive per line:

    <!-- readme-test
    skip "digitforge worker": runs until it is stopped
    skip-block: needs a GPU
    -->

`skip "TEXT": REASON` skips the commands of the next block that contain TEXT; `skip-block: REASON` the whole block.
A directive that matches nothing is an error, so the markers cannot go stale.
Usage: readme_examples.py README.md > examples.sh
"""
import re
import shlex
import subprocess
import sys

DIRECTIVE_OPEN = "<!-- readme-test"
SKIP = re.compile(r'^skip "(?P<text>[^"]+)":\s*(?P<reason>.+)$')
SKIP_BLOCK = re.compile(r"^skip-block:\s*(?P<reason>.+)$")


def complete(text):
    """Whether bash reads the text as whole commands (no open quote or $( ); comments may hold apostrophes)."""
    checked = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
    return "unexpected EOF" not in checked.stderr


def commands(block):
    """(first line number, text) per command of a block: comment-only and blank lines dropped."""
    current, start = [], None
    for number, line in block:
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if not current:
            start = number
        current.append(line)
        text = "\n".join(current)
        if text.endswith("\\") or not complete(text):
            continue
        yield start, text
        current = []
    if current:
        yield start, "\n".join(current)


def main(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    out = ["# Generated from %s by scripts/readme_examples.py" % path]
    errors = []
    pending = None  # (line number, skips, block reason) from the last directive comment
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith(DIRECTIVE_OPEN):
            start, skips, block_reason = i + 1, [], None
            body = line.strip()[len(DIRECTIVE_OPEN):]
            while "-->" not in body:
                i += 1
                if i >= len(lines):
                    errors.append("%s:%d: unclosed readme-test comment" % (path, start))
                    break
                body += "\n" + lines[i]
            for directive in body.split("-->")[0].split("\n"):
                directive = directive.strip()
                if not directive:
                    continue
                if m := SKIP.match(directive):
                    skips.append([m["text"], m["reason"], 0])
                elif m := SKIP_BLOCK.match(directive):
                    block_reason = m["reason"]
                else:
                    errors.append("%s:%d: unknown readme-test directive %r" % (path, start, directive))
            pending = (start, skips, block_reason)
        elif line.startswith("```"):
            language = line[3:].strip()
            block, i = [], i + 1
            while i < len(lines) and not lines[i].startswith("```"):
                block.append((i + 1, lines[i]))
                i += 1
            if i >= len(lines):
                errors.append("%s:%d: code block never closed" % (path, block[0][0] - 1 if block else i))
            if language in ("bash", "sh", "shell"):
                start, skips, block_reason = pending or (0, [], None)
                for number, text in commands(block):
                    reason = block_reason
                    for skip in skips:
                        if skip[0] in text:
                            skip[2] += 1
                            reason = reason or skip[1]
                    call = "readme_skip %d %s" % (number, shlex.quote(reason)) if reason else "readme_run %d" % number
                    out.append("%s <<'README_COMMAND_END'\n%s\nREADME_COMMAND_END" % (call, text))
                errors.extend(
                    "%s:%d: skip %r matches no command of the block below it" % (path, start, s[0]) for s in skips if s[2] == 0)
            elif pending:
                errors.append("%s:%d: a readme-test comment above a %s block (only bash blocks run)" % (path, pending[0], language or "plain"))
            pending = None
        elif line.strip() and pending and not line.strip().startswith("<!--"):
            errors.append("%s:%d: a readme-test comment must be right above a code block" % (path, pending[0]))
            pending = None
        i += 1
    if errors:
        sys.stderr.write("\n".join(errors) + "\n")
        return 1
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "README.md"))
