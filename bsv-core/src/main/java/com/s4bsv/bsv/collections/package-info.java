@NullMarked
package com.s4bsv.bsv.collections;

import org.jspecify.annotations.NullMarked;
