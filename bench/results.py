"""One measurement's results, rendered for the terminal and for results.md.

Every number that is printed sits in a table next to the exact command
(or the recipe) that produced it, so results.md can be checked by hand.
"""


class Section:
    def __init__(self, title):
        self.title = title
        self.header = []
        self.rows = []
        self.commands = []      # exact command lines behind the rows
        self.notes = []         # fallbacks taken, caveats
        self.goals = []         # (what, value text, goal text, met or None)
        self.lines = []         # free lines printed after the table

    def table(self, header):
        self.header = header

    def row(self, *cells):
        self.rows.append([str(c) for c in cells])

    def goal(self, what, value, target, met):
        self.goals.append((what, value, target, met))

    def _widths(self):
        cols = [self.header] + self.rows
        return [max(len(r[i]) for r in cols if i < len(r))
                for i in range(len(self.header))]

    def text(self):
        out = ["== %s ==" % self.title]
        out += ["note: " + n for n in self.notes]
        if self.header:
            w = self._widths()
            for r in [self.header] + self.rows:
                out.append("  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i])
                                     for i, c in enumerate(r)))
        out += self.lines
        for what, value, target, met in self.goals:
            out.append("goal %s: %s (goal %s) %s"
                       % (what, value, target, verdict(met)))
        return "\n".join(out)

    def markdown(self):
        out = ["## %s" % self.title, ""]
        out += ["*Note:* %s  " % n for n in self.notes]
        if self.notes:
            out.append("")
        if self.header:
            out.append("| " + " | ".join(self.header) + " |")
            out.append("|" + "|".join("---" for _ in self.header) + "|")
            out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |"
                    for r in self.rows]
            out.append("")
        if self.lines:
            out += ["```"] + self.lines + ["```", ""]
        if self.goals:
            out += ["| goal | value | target | met |", "|---|---|---|---|"]
            out += ["| %s | %s | %s | %s |" % (w, v, t, verdict(m))
                    for w, v, t, m in self.goals]
            out.append("")
        if self.commands:
            out += ["Commands:", "", "```"] + self.commands + ["```", ""]
        return "\n".join(out)


def verdict(met):
    return {True: "MET", False: "NOT MET", None: "n/a"}[met]
