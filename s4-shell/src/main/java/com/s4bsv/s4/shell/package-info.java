@NullMarked
package com.s4bsv.s4.shell;

import org.jspecify.annotations.NullMarked;
