@NullMarked
package com.s4bsv.bench;

import org.jspecify.annotations.NullMarked;
