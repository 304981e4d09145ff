module github.com/cowrap/rules_cowrap

go 1.26
