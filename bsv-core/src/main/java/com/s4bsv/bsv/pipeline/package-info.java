/**
 * bsv pipelines as a library: a command such as {@code bcut 1 | bsort} parsed conservatively and run on threads of
 * the calling JVM, stage to stage through in-memory pipes, with exactly the bytes, files, exit status and stderr
 * that {@code bash -c 'set -euo pipefail; ...'} gives running each tool as its own process.
 */
@NullMarked
package com.s4bsv.bsv.pipeline;

import org.jspecify.annotations.NullMarked;
