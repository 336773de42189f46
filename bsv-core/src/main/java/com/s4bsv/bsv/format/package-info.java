@NullMarked
package com.s4bsv.bsv.format;

import org.jspecify.annotations.NullMarked;
