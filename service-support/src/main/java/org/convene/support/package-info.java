@NullMarked
package org.convene.support;

import org.jspecify.annotations.NullMarked;
