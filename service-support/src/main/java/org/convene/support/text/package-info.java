@NullMarked
package org.convene.support.text;

import org.jspecify.annotations.NullMarked;
