@NullMarked
package com.s4bsv.s4.shell.cli;

import org.jspecify.annotations.NullMarked;
