@NullMarked
package org.convene.web.page;

import org.jspecify.annotations.NullMarked;
