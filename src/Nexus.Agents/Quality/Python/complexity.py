"""NEXUS's cyclomatic complexity counter for Python, run by the QA gate as `python3 -c <this file> FILE...`.

An ast-based counter (radon, the usual tool, is not installable where NEXUS runs): every file named on the command line
(relative to the working directory) is parsed with the standard library's `ast` -- nothing is imported or executed --
and one JSON object is printed: {"python": "3.11.2", "functions": [{"file", "name", "line", "end", "complexity"}],
"errors": [{"file", "error"}]}.

Functions: `def`, `async def` and `lambda`, at any depth (methods are named `Class.method`, nested functions
`outer.inner`, lambdas `(lambda)`). `line` is the line of `def` (decorators excluded), `end` the function's last line.
Complexity is 1 plus one per decision point of the function's own body; a nested function or lambda is measured on its
own and its decisions do not count for the function around it (as in NEXUS's JavaScript counter). Code outside any
function is not reported.

Decision points (the JavaScript counter's rules where Python has the construct):
  if / elif                   +1 each (JS: if)
  for, async for, while       +1 each, +1 more for an `else:` clause (radon's rule; JS has no loop else)
  except handler              +1 each (JS: catch); try's `else:` +1 (radon's rule); `finally` not counted
  and / or                    operands - 1 per boolean expression (JS: each && / ||)
  conditional expression      +1 (`a if c else b`; JS: ? :)
  comprehension               +1 per `for` and +1 per `if` in it (list, set, dict comprehensions and generators)
  match case                  +1 per `case` but an unguarded wildcard `case _:` (JS: case, not default); +1 per guard
  assert                      +1 (radon's rule)
Not counted: `else` of an if, `with`, `return`, `break`/`continue`, default argument values, the walrus operator.
"""
import ast
import json
import sys


class Counter(ast.NodeVisitor):
    def __init__(self, path):
        self.path = path
        self.functions = []
        self.stack = []  # open functions: [name, node, decisions]
        self.scope = []  # enclosing class and function names

    def _function(self, node, name):
        qualified = ".".join(self.scope + [name]) if name != "(lambda)" else name
        entry = [qualified, node, 0]
        self.stack.append(entry)
        self.scope.append(name)
        self.generic_visit(node)
        self.scope.pop()
        self.stack.pop()
        self.functions.append({
            "file": self.path, "name": qualified, "line": node.lineno,
            "end": getattr(node, "end_lineno", None) or node.lineno, "complexity": 1 + entry[2],
        })

    def _add(self, count):
        if self.stack:
            self.stack[-1][2] += count

    def visit_FunctionDef(self, node):
        self._function(node, node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._function(node, "(lambda)")

    def visit_ClassDef(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_If(self, node):
        self._add(1)
        self.generic_visit(node)

    def visit_For(self, node):
        self._add(1 + bool(node.orelse))
        self.generic_visit(node)

    visit_AsyncFor = visit_For
    visit_While = visit_For

    def visit_Try(self, node):
        self._add(len(node.handlers) + bool(node.orelse))
        self.generic_visit(node)

    visit_TryStar = visit_Try

    def visit_BoolOp(self, node):
        self._add(len(node.values) - 1)
        self.generic_visit(node)

    def visit_IfExp(self, node):
        self._add(1)
        self.generic_visit(node)

    def visit_comprehension(self, node):
        self._add(1 + len(node.ifs))
        self.generic_visit(node)

    def visit_match_case(self, node):
        wildcard = isinstance(node.pattern, getattr(ast, "MatchAs", ())) and node.pattern.pattern is None and node.pattern.name is None
        self._add((0 if wildcard else 1) + (node.guard is not None))
        self.generic_visit(node)

    def visit_Assert(self, node):
        self._add(1)
        self.generic_visit(node)


def main(paths):
    functions, errors = [], []
    for path in paths:
        try:
            with open(path, "rb") as source:
                tree = ast.parse(source.read(), filename=path)
        except (SyntaxError, ValueError, OSError) as error:
            line = getattr(error, "lineno", None)
            errors.append({"file": path, "error": type(error).__name__ + (" at line %d" % line if line else "")})
            continue
        counter = Counter(path)
        counter.visit(tree)
        functions.extend(sorted(counter.functions, key=lambda f: (f["line"], f["name"])))
    version = "%d.%d.%d" % sys.version_info[:3]
    print(json.dumps({"python": version, "functions": functions, "errors": errors}))


main(sys.argv[1:])
