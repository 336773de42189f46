@NullMarked
package com.s4bsv.bsv.bytes;

import org.jspecify.annotations.NullMarked;
