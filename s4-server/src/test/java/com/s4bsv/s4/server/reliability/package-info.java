/** Fault tests over real node processes: kill -9 mid-transfer, peers down, a full data dir. */
@NullMarked
package com.s4bsv.s4.server.reliability;

import org.jspecify.annotations.NullMarked;
