@NullMarked
package com.s4bsv.bsv.row;

import org.jspecify.annotations.NullMarked;
