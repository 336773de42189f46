@NullMarked
package com.s4bsv.s4.testing;

import org.jspecify.annotations.NullMarked;
