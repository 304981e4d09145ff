// Package readme reads a section of a Markdown file, for the tests that check
// what the README states against the code that decides it.
package readme

import (
	"fmt"
	"os"
	"strings"
)

// Section returns the lines of the Markdown file at path below the heading
// line heading ("## The generator CLI"), up to the next heading of the same
// or a higher level; lines in fenced blocks are never headings.
func Section(path, heading string) (string, error) {
	doc, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	level := strings.IndexByte(heading, ' ')
	if level < 1 || strings.Trim(heading[:level], "#") != "" {
		return "", fmt.Errorf("%q is not a Markdown heading", heading)
	}
	var out []string
	in, fenced := false, false
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			fenced = !fenced
		} else if !fenced {
			if in {
				if n := len(line) - len(strings.TrimLeft(line, "#")); n >= 1 && n <= level && strings.HasPrefix(line[n:], " ") {
					break
				}
			} else if line == heading {
				in = true
				continue
			}
		}
		if in {
			out = append(out, line)
		}
	}
	if !in {
		return "", fmt.Errorf("%s: no heading %q", path, heading)
	}
	return strings.Join(out, "\n"), nil
}
