@NullMarked
package com.s4bsv.s4.shell.it;

import org.jspecify.annotations.NullMarked;
