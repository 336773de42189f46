@NullMarked
package com.s4bsv.s4.shell.progress;

import org.jspecify.annotations.NullMarked;
