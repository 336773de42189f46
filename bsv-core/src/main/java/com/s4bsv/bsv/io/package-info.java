@NullMarked
package com.s4bsv.bsv.io;

import org.jspecify.annotations.NullMarked;
