@NullMarked
package com.s4bsv.s4.shell.session;

import org.jspecify.annotations.NullMarked;
