@NullMarked
package com.s4bsv.s4.key;

import org.jspecify.annotations.NullMarked;
