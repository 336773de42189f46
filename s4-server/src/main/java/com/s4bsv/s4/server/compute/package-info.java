/**
 * Compute where the data is: eval, map, map-to-n and map-from-n under {@code /_s4/}.
 */
@NullMarked
package com.s4bsv.s4.server.compute;

import org.jspecify.annotations.NullMarked;
