#!/usr/bin/env python3
"""Run `minutes extract` as a Spark stage (RDD.pipe, local mode) and check it holds the JSONL contract.

    python3 scripts/spark-pipe.py [--minutes .build/release/minutes] [--partitions 2] INPUT.jsonl

INPUT.jsonl holds records {"id": ..., "text": ..., "published": ...}, one per line (make one from
PD1998 with `minutes bench --write-corpus FILE`). The script pipes every partition through
`minutes extract --quiet --jobs 1 --format jsonl -` on Spark's local[N] master, then checks that

  * as many lines come out as went in (N in = N out), in input order, and
  * every line equals what `minutes extract --format jsonl` prints for the same record alone
    (one process over the whole file, the reference),

and prints articles/s and MB/s of the Spark run. Exit status 0 when both hold, 1 when not,
2 when pyspark or Java is missing. Needs pyspark (PyPI) and Java 17.
"""
import argparse
import os
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSONL records, one per line")
    parser.add_argument("--minutes", default=".build/release/minutes", help="the minutes binary")
    parser.add_argument("--partitions", type=int, default=2, help="Spark partitions and local cores")
    args = parser.parse_args()

    try:
        from pyspark.sql import SparkSession
    except ImportError:
        print("spark-pipe: pyspark is not installed (pip install pyspark)", file=sys.stderr)
        return 2
    binary = os.path.abspath(args.minutes)
    if not os.access(binary, os.X_OK):
        print(f"spark-pipe: {binary}: not an executable (swift build -c release)", file=sys.stderr)
        return 2
    with open(args.input, "rb") as f:
        records = f.read().decode("utf-8").splitlines()
    size = sum(len(r.encode("utf-8")) + 1 for r in records)

    command = [binary, "extract", "--quiet", "--jobs", "1", "--format", "jsonl", "-"]
    reference = subprocess.run(command, input="\n".join(records) + "\n", capture_output=True,
                               text=True).stdout.splitlines()

    spark = (SparkSession.builder.master(f"local[{args.partitions}]").appName("minutes-spark-pipe")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        start = time.monotonic()
        rdd = spark.sparkContext.textFile(os.path.abspath(args.input), minPartitions=args.partitions)
        # RDD.pipe keeps the order within a partition and collect() the order of the partitions.
        frames = rdd.pipe(" ".join(command)).collect()
        seconds = time.monotonic() - start
    finally:
        spark.stop()

    problems = []
    if len(frames) != len(records):
        problems.append(f"{len(records)} records in, {len(frames)} lines out")
    for number, (got, want) in enumerate(zip(frames, reference), start=1):
        if got != want:
            problems.append(f"line {number}: Spark's output differs from minutes extract alone")
            if len(problems) > 10:
                break
    print(f"spark-pipe: {len(records)} in, {len(frames)} out, local[{args.partitions}], "
          f"{seconds:.1f} s, {len(records) / seconds:.0f} articles/s, {size / seconds / 1e6:.2f} MB/s "
          f"(Spark's start-up included)")
    for problem in problems:
        print(f"spark-pipe: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
