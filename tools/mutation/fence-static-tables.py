#!/usr/bin/env python3
"""Fences every static readonly field initializer of the given C# files with Stryker comments
(// Stryker disable all ... // Stryker restore all), in place. Run it on a COPY of the repository, never on the
working tree: the committed code carries no such comments. Why (docs/mutation.md, "Cost"): a mutant in a static
initializer is seen only when the type is first used, so Stryker tests it against the whole suite in a fresh test
host; the word tables of Targets/** hold about 900 of them (hours on a 2-core machine). With this fence a run scores
the parser's logic; the table entries are covered by the word-table tests (one row per entry)."""
import re, sys

DECL = re.compile(r'^\s*(public|internal|private|protected)?\s*(static\s+readonly|readonly\s+static)\b')

def fence(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    out, i, fenced = [], 0, 0
    while i < len(lines):
        line = lines[i]
        if DECL.match(line) and '=' in line:
            depth, j = 0, i
            while True:
                code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'|//.*$', '', lines[j])
                depth += code.count('(') + code.count('[') + code.count('{') - code.count(')') - code.count(']') - code.count('}')
                if depth <= 0 and code.rstrip().endswith(';'):
                    break
                j += 1
            out.append('// Stryker disable all : static table (tools/mutation/fence-static-tables.py)')
            out.extend(lines[i:j + 1])
            out.append('// Stryker restore all')
            fenced += 1
            i = j + 1
        else:
            out.append(line)
            i += 1
    open(path, 'w', encoding='utf-8').write('\n'.join(out))
    return fenced

if __name__ == '__main__':
    total = sum(fence(p) for p in sys.argv[1:])
    print(f'{total} static initializers fenced in {len(sys.argv) - 1} files')
