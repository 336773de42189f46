@NullMarked
package com.s4bsv.s4.placement;

import org.jspecify.annotations.NullMarked;
