@NullMarked
package com.s4bsv.testing;

import org.jspecify.annotations.NullMarked;
