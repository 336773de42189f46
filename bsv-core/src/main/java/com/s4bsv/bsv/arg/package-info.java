@NullMarked
package com.s4bsv.bsv.arg;

import org.jspecify.annotations.NullMarked;
