@NullMarked
package org.convene.web.requests;

import org.jspecify.annotations.NullMarked;
