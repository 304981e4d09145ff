// Command execlog summarises a Bazel --execution_log_json_file for the cache tests in
// tests/bazel: how many spawns ran, how many were cache hits, and which files the spawns
// of one mnemonic wrote.
//
//	execlog [-mnemonic CoWrap] [-want hit|miss] LOG.json
//
// It prints one summary line, then "output: PATH" (exec-root relative) for every output of a
// -mnemonic spawn. With -want it exits 1 unless there is at least one -mnemonic spawn and
// every one of them was (hit) or was not (miss) served from a cache.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// spawn holds the fields we use of Bazel's SpawnExec (src/main/protobuf/spawn.proto).
type spawn struct {
	Mnemonic      string `json:"mnemonic"`
	Runner        string `json:"runner"`
	CacheHit      bool   `json:"cacheHit"`
	ActualOutputs []struct {
		Path string `json:"path"`
	} `json:"actualOutputs"`
}

func main() {
	mnemonic := flag.String("mnemonic", "CoWrap", "the spawns to check and list outputs of")
	want := flag.String("want", "", `"hit" or "miss": require this of every -mnemonic spawn`)
	flag.Parse()
	if flag.NArg() != 1 || (*want != "" && *want != "hit" && *want != "miss") {
		fmt.Fprintln(os.Stderr, "usage: execlog [-mnemonic M] [-want hit|miss] LOG.json")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The log is a stream of JSON objects, one per spawn, not one array.
	var total, hits, n, nHits int
	var outputs, bad []string
	for dec := json.NewDecoder(f); ; {
		var s spawn
		if err := dec.Decode(&s); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", flag.Arg(0), err)
			os.Exit(1)
		}
		total++
		if s.CacheHit {
			hits++
		}
		if s.Mnemonic != *mnemonic {
			continue
		}
		n++
		if s.CacheHit {
			nHits++
		}
		for _, o := range s.ActualOutputs {
			outputs = append(outputs, o.Path)
			if s.CacheHit != (*want == "hit") {
				bad = append(bad, fmt.Sprintf("%s (runner %q, cacheHit %v)", o.Path, s.Runner, s.CacheHit))
			}
		}
	}
	fmt.Printf("spawns: %d, cache hits: %d; %s spawns: %d, cache hits: %d\n", total, hits, *mnemonic, n, nHits)
	for _, o := range outputs {
		fmt.Printf("output: %s\n", o)
	}
	if *want == "" {
		return
	}
	if n == 0 {
		fmt.Fprintf(os.Stderr, "FAIL: no %s spawn in %s\n", *mnemonic, flag.Arg(0))
		os.Exit(1)
	}
	for _, b := range bad {
		fmt.Fprintf(os.Stderr, "FAIL: %s spawn is not a cache %s: %s\n", *mnemonic, *want, b)
	}
	if len(bad) > 0 {
		os.Exit(1)
	}
}
