@NullMarked
package com.s4bsv.s4.wire;

import org.jspecify.annotations.NullMarked;
