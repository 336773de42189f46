@NullMarked
package com.s4bsv.bsv.cli;

import org.jspecify.annotations.NullMarked;
