@NullMarked
package com.s4bsv.bsv.tool;

import org.jspecify.annotations.NullMarked;
