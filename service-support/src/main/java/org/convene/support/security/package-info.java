@NullMarked
package org.convene.support.security;

import org.jspecify.annotations.NullMarked;
