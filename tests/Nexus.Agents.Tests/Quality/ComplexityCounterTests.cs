using Nexus.Agents.Quality;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>NEXUS's JavaScript complexity counter against a fixture whose numbers are counted by hand (in its comments).</summary>
public sealed class ComplexityCounterTests
{
    // Each function's comment gives its decision points; complexity is 1 + their number.
    private const string Fixture = """
        'use strict';

        function quiet() {
          // if (a && b) || c ? d : e
          /* while (x) for (;;) */
          const text = "if (a && b) || c ? d : e";
          const other = 'case x: catch (e) ?? y';
          const pattern = /a|b?c/;
          const half = text.length / 2 / 3;
          return `if ${text} && ${other} || ${pattern} ${half}`;
        }

        function branchy(a, b) {
          if (a && b) {
            return 1;
          } else if (a || b) {
            return b ? 2 : 3;
          }
          return 0;
        }

        function loops(items) {
          let total = 0;
          for (let i = 0; i < items.length; i++) total += i;
          let n = items.length;
          while (n > 0) n--;
          for (const item of items) {
            try {
              total += item.value ?? 0;
            } catch (e) {
              total = -1;
            }
          }
          return total;
        }

        function classify(kind) {
          switch (kind) {
            case 'a': return 1;
            case 'b': return 2;
            case 'c': return 3;
            default: return 0;
          }
        }

        const arrow = (x) => x > 0 ? 'pos' : 'neg';

        const outer = (list) => {
          if (!list) return [];
          return list.filter((v) => v && v.ok);
        };

        class Counter {
          constructor(start) {
            this.value = start || 0;
          }

          get label() {
            return `count: ${this.value > 9 ? 'many' : this.value}`;
          }

          add(step = 1) {
            this.value += step;
            return this?.value;
          }
        }

        const handlers = {
          save: function (doc) {
            return doc.id ? 'update' : 'insert';
          },
        };

        function tooComplex(a, b, c, d) {
          if (a) return 1;
          if (b) return 2;
          if (c) return 3;
          if (d) return 4;
          if (a && b) return 5;
          if (b || c) return 6;
          if (c && d) return 7;
          return a ?? b;
        }

        module.exports = { quiet, branchy, loops, classify, arrow, outer, Counter, handlers, tooComplex };

        """;

    [Fact]
    public void Measure_HandCountedFixture_GivesEachFunctionItsComplexity()
    {
        var functions = ComplexityCounter.Measure("src/fixture.js", Fixture);

        functions.Select(f => (f.Name, f.Complexity)).ShouldBe(
        [
            ("quiet", 1),         // decisions only in a comment, strings, a regex and a template's text
            ("branchy", 6),       // if, &&, if (else if), ||, ?:
            ("loops", 6),         // for, while, for…of, ??, catch
            ("classify", 4),      // three cases (default does not count, nor switch)
            ("arrow", 2),         // ?:
            ("outer", 2),         // if; the callback's && is its own
            ("(anonymous)", 2),   // the filter callback: &&
            ("constructor", 2),   // ||
            ("label", 2),         // ?: inside a template's ${…}
            ("add", 1),           // a default value and ?. do not count
            ("save", 2),          // ?:
            ("tooComplex", 12),   // 7 if, 3 &&/||, ??
        ]);
        functions.All(f => f.File == "src/fixture.js").ShouldBeTrue();
    }

    [Fact]
    public void Measure_FunctionSpans_StartAndEndAtTheirBodies()
    {
        var functions = ComplexityCounter.Measure("a.js", Fixture).ToDictionary(f => f.Name);

        (functions["quiet"].Line, functions["quiet"].EndLine).ShouldBe((3, 11));
        (functions["branchy"].Line, functions["branchy"].EndLine).ShouldBe((13, 20));
        (functions["arrow"].Line, functions["arrow"].EndLine).ShouldBe((46, 46));
        (functions["tooComplex"].Line, functions["tooComplex"].EndLine).ShouldBe((74, 83));
        functions["tooComplex"].Lines.ShouldBe(10);
    }

    [Fact]
    public void Measure_ArrowWithoutSemicolon_EndsAtTheNextStatement()
    {
        var functions = ComplexityCounter.Measure("a.js", "const f = (x) => x || 1\nconst g = (y) => y && 2\nfunction h() { return 1 }\n");

        functions.Select(f => (f.Name, f.Complexity, f.Line, f.EndLine)).ShouldBe([("f", 2, 1, 1), ("g", 2, 2, 2), ("h", 1, 3, 3)]);
    }

    [Fact]
    public void Measure_PropertyNamedLikeAKeyword_IsNotADecision()
    {
        var functions = ComplexityCounter.Measure("a.js", "function f(o) { return o.if + o.case + o?.while; }\n");

        functions.Single().Complexity.ShouldBe(1);
    }
}
