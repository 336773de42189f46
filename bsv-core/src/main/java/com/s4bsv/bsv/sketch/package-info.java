@NullMarked
package com.s4bsv.bsv.sketch;

import org.jspecify.annotations.NullMarked;
