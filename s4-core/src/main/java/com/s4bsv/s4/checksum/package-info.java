@NullMarked
package com.s4bsv.s4.checksum;

import org.jspecify.annotations.NullMarked;
